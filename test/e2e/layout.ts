// The layout checks the screenshot tests run in the chat's webview (themes, display languages).
/**
 * What a person would see as broken at this width: controls cut off, a usage line (named
 * `usageName`, "Usage" in English) that wraps, a meter that looks full. Runs in the webview's frame.
 */
export function layoutProblems(usageName: string): string[] {
  const problems: string[] = [];
  const width = document.documentElement.clientWidth;
  for (const control of document.querySelectorAll<HTMLElement>('button, select, textarea, [role="note"], [role="meter"]')) {
    const box = control.getBoundingClientRect();
    if (!box.width || getComputedStyle(control).visibility === 'hidden') continue;
    const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? control.tagName;
    if (box.left < -1 || box.right > width + 1) problems.push(`${name} sticks out of the view (${Math.round(box.left)}–${Math.round(box.right)} of ${width})`);
    if (control.tagName === 'BUTTON' && control.scrollWidth > control.clientWidth + 1) problems.push(`${name} is clipped`);
  }
  for (const usage of document.querySelectorAll<HTMLElement>(`[role="note"][aria-label="${usageName}"]`)) {
    if (usage.scrollWidth > usage.clientWidth + 1) problems.push(`the usage line is cut: ${usage.textContent}`);
    if (usage.getClientRects().length !== 1 || usage.scrollHeight > usage.clientHeight + 1) problems.push('the usage line wraps');
  }
  // Text that runs past the view's edge (a long word, a line of CJK that does not wrap); code blocks scroll on purpose.
  for (const node of document.querySelectorAll<HTMLElement>('#app *')) {
    if (node.closest('pre, code, .command-output, [hidden]') || !node.textContent?.trim() || node.children.length) continue;
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    const spills = box.right > width + 1 || (style.display !== 'inline' && node.scrollWidth > node.clientWidth + 1);
    if (box.width && spills && style.overflowX === 'visible')
      problems.push(`text runs out of the view: ${node.textContent.trim().slice(0, 40)}`);
  }
  const row = document.querySelector<HTMLElement>('.composer .row');
  if (row && row.scrollWidth > row.clientWidth + 1) problems.push('the composer row overflows');
  const meter = document.querySelector<HTMLElement>('[role="meter"]');
  const fill = meter?.firstElementChild as HTMLElement | null;
  if (!meter || !fill) problems.push('no context meter');
  else {
    const track = getComputedStyle(meter).backgroundColor;
    const filled = getComputedStyle(fill).backgroundColor;
    if (track === filled) problems.push(`the meter's fill and track have one colour (${track})`);
    const ratio = Number(meter.getAttribute('aria-valuenow')) / 100;
    const drawn = fill.getBoundingClientRect().width / meter.getBoundingClientRect().width;
    if (drawn > ratio + 0.05) problems.push(`the meter draws ${Math.round(drawn * 100)}% for ${Math.round(ratio * 100)}%`);
  }
  return problems;
}

