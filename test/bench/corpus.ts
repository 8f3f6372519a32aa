/** A deterministic markdown reply of about `size` characters: prose, lists, tables and 30 code blocks. */

const WORDS = 'the renderer streams tokens into blocks while frozen markdown stays put and only the open tail is parsed again each frame so cost stays flat'.split(' ');

function prose(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const w = WORDS[(seed * 7 + i * 13) % WORDS.length];
    out.push(i % 17 === 5 ? `**${w}**` : i % 23 === 9 ? `\`${w}()\`` : i % 31 === 3 ? `[${w}](https://example.com/${w})` : w);
  }
  return `${out.join(' ')}.`;
}

function code(i: number): string {
  if (i % 2) {
    return ['```python', `def handler_${i}(events, limit=${i}):`, '    """Fold events into a summary."""', '    total = 0', '    for event in events[:limit]:', "        if event.get('kind') == 'delta':", "            total += len(event['text'])", '    return {"count": total, "id": ' + i + '}', '```'].join('\n');
  }
  return ['```ts', `export async function fetchPage${i}(url: string, retries = ${i % 5}): Promise<string> {`, '  for (let attempt = 0; attempt <= retries; attempt++) {', '    const response = await fetch(url);', '    if (response.ok) return response.text();', `    await new Promise((r) => setTimeout(r, 2 ** attempt * ${i}));`, '  }', "  throw new Error(`failed after ${retries} retries`);", '}', '```'].join('\n');
}

function table(i: number): string {
  const rows = ['| Name | Kind | Size | Notes |', '| --- | --- | ---: | --- |'];
  for (let r = 0; r < 6; r++) rows.push(`| item${i}_${r} | ${WORDS[(i + r) % WORDS.length]} | ${(i + 1) * (r + 3)} | ${prose(i + r, 4)} |`);
  return rows.join('\n');
}

export function markdownCorpus(size = 200_000, codeBlocks = 30): string {
  const parts: string[] = [];
  let length = 0;
  let codeCount = 0;
  for (let i = 0; length < size; i++) {
    let part: string;
    switch (i % 6) {
      case 0:
        part = `## Section ${i / 6 + 1}\n\n${prose(i, 60)}`;
        break;
      case 1:
        part = [1, 2, 3, 4].map((n) => `- ${prose(i + n, 10)}`).join('\n');
        break;
      case 2:
        part = table(i);
        break;
      case 3:
        part = codeCount < codeBlocks ? code(codeCount++) : prose(i, 40);
        break;
      case 4:
        part = [1, 2, 3].map((n) => `${n}. ${prose(i * n, 12)}`).join('\n');
        break;
      default:
        part = `> ${prose(i, 25)}\n\n${prose(i + 1, 50)}`;
    }
    parts.push(part);
    length += part.length + 2;
  }
  return parts.join('\n\n').slice(0, size);
}

/** Splits text into deltas of about `size` characters (what the API streams is a few characters at a time). */
export function deltas(text: string, size = 5): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
