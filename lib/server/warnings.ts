/**
 * The warnings of one request, written as `Warning: 299 - "text"` headers: deduplicated, and truncated
 * once they pass 4096 runes in total. Ports the apiserver's warning recorder
 * (k8s.io/apiserver pkg/endpoints/filters/warning.go) and apimachinery `net.NewWarningHeader`.
 */
import type { ServerResponse } from 'node:http';

/** Total runes of warning text before truncation starts (truncateAtTotalRunes). */
const truncateAtTotalRunes = 4 * 1024;
/** Runes kept of each warning once truncating (truncateItemRunes). */
const truncateItemRunes = 256;

const runes = (s: string): string[] => [...s];

/** unicode.IsControl: C0 controls, DEL and C1 controls. */
const hasControl = (s: string): boolean => /[\u0000-\u001f\u007f-\u009f]/.test(s);

/**
 * `299 - "text"` with `"` and `\` escaped (NewWarningHeader with an empty agent), or undefined for
 * text with control characters, which the apiserver drops.
 */
export function warningHeader(text: string): string | undefined {
  if (hasControl(text)) return undefined;
  return `299 - "${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Collects warnings in order; {@link WarningRecorder.headers} gives the header values to send. */
export class WarningRecorder {
  private readonly recorded = new Set<string>();
  private readonly ordered: string[] = [];
  private out: string[] = [];
  private written = 0;
  private truncating = false;

  /** Records one warning (recorder.AddWarning): empty and repeated texts are ignored. */
  add(text: string): void {
    if (text.length === 0) return;
    if (this.written >= truncateAtTotalRunes && this.truncating) return;
    if (this.recorded.has(text)) return;
    this.recorded.add(text);
    this.ordered.push(text);
    let chars = runes(text);
    if (this.truncating && chars.length > truncateItemRunes) chars = chars.slice(0, truncateItemRunes);
    const header = warningHeader(chars.join(''));
    if (header === undefined) return;
    if (this.written + chars.length <= truncateAtTotalRunes || this.truncating) {
      this.written += chars.length;
      this.out.push(header);
      return;
    }
    // Over the limit: from now on every warning is truncated, the earlier ones included.
    this.truncating = true;
    this.written = 0;
    this.out = [];
    for (const t of this.ordered) {
      const cut = runes(t).slice(0, truncateItemRunes);
      const h = warningHeader(cut.join(''));
      if (h === undefined) continue;
      this.written += cut.length;
      this.out.push(h);
    }
  }

  /** Records every warning of a list. */
  addAll(texts: readonly string[] | undefined): void {
    for (const t of texts ?? []) this.add(t);
  }

  /** The `Warning` header values, in order. */
  headers(): readonly string[] {
    return this.out;
  }

  /**
   * Sets the `Warning` headers on a response whose headers are not yet sent. Header values travel as
   * latin1 in node, so UTF-8 text is passed through as its bytes.
   */
  apply(res: ServerResponse): void {
    if (this.out.length === 0 || res.headersSent) return;
    res.setHeader('Warning', this.out.map((h) => Buffer.from(h, 'utf8').toString('latin1')));
  }
}
