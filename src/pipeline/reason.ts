/**
 * A metric label for a rejection reason. Reasons are free text with positions and values in
 * them; labels must stay few, so the label is the reason's leading words.
 */
export function reasonLabel(reason: string): string {
  const head = reason.split(/[:(\d"']/, 1)[0].trim().toLowerCase();
  return (head || 'unknown').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 48) || 'unknown';
}
