import type { JSX } from 'preact';
import { useSignal } from '@preact/signals';
import type { QuoteView } from '../../messages/protocol';
import { copyRich } from '../common/clipboard';
import { citeQuote } from './citation';

export interface CopyCitationProps {
  quote: QuoteView;
}

/** "Copy with citation" for one quote or statement, with what happened said aloud (aria-live). */
export function CopyCitation({ quote }: CopyCitationProps): JSX.Element {
  const status = useSignal<{ ok: boolean; text: string } | null>(null);
  const copy = async (event: MouseEvent) => {
    const { plain, html } = citeQuote(quote);
    try {
      await copyRich((event.currentTarget as Element).ownerDocument, plain, html);
      status.value = { ok: true, text: 'Copied' };
    } catch (error) {
      status.value = { ok: false, text: `Not copied: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  const who = quote.speaker ? `${quote.speaker.name}’s ${quote.kind === 'direct' ? 'quote' : 'statement'}` : 'quote';
  return (
    <>
      <button
        type="button"
        class="link copy"
        aria-label={`Copy with citation: ${who} in ${quote.doc.title}`}
        onClick={(e) => void copy(e)}
      >
        Copy with citation
      </button>
      <span class={status.value?.ok === false ? 'copy-status error' : 'copy-status'} role="status">
        {status.value?.text ?? ''}
      </span>
    </>
  );
}
