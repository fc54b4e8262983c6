/**
 * Reads CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into rows, each with
 * the line number it started on, so errors can name the line.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

const TOP_LEVEL = new Set(['type', 'event', 'userId', 'timestamp', 'messageId', 'anonymousId']);

/**
 * Turns CSV rows (first row: header) into Segment objects. Columns `properties.x` / `traits.x` go
 * into those objects; other unknown columns become properties (track) or traits (identify).
 */
export function csvToSegment(
  rows: { line: number; cells: string[] }[],
): { line: number; raw: Record<string, unknown> }[] {
  const [header, ...body] = rows;
  if (!header) return [];
  const names = header.cells.map((c) => c.trim());
  return body.map(({ line, cells }) => {
    const raw: Record<string, unknown> = {};
    const bag: Record<string, string> = {};
    names.forEach((name, index) => {
      const value = cells[index] ?? '';
      if (value === '') return;
      if (TOP_LEVEL.has(name)) raw[name] = value;
      else bag[name.replace(/^(properties|traits)\./, '')] = value;
    });
    raw.type ??= raw.event ? 'track' : 'identify';
    raw[raw.type === 'identify' ? 'traits' : 'properties'] = bag;
    return { line, raw };
  });
}
