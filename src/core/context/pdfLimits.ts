/** The API's limits on PDFs, apart from the page counter so the webview can check a size before reading a file. */

export const PDF_MEDIA_TYPE = 'application/pdf';
/**
 * The API's limit on one request: a PDF larger than this can never be sent. The request carries
 * the PDF as base64 (4/3 of its size) beside the rest of the chat, so a PDF under this limit can
 * still make a request too large when it goes as bytes (no Files API): the API's 413 says so.
 */
export const MAX_PDF_BYTES = 32 * 1024 * 1024;
/** Pages the API reads in one request (all the PDFs of a request together). */
export const MAX_PDF_PAGES = 100;
