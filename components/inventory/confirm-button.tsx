import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../utils/i18n';

interface Props {
  /** The button's text, e.g. "Clear everything". */
  label: string;
  /** The question asked before acting. */
  question: string;
  /** The confirming button's text. */
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  class?: string;
}

/** A destructive button that asks first. Keyboard: Enter opens the question with focus on Cancel; Shift+Tab, Enter confirms; Esc cancels. */
export function ConfirmButton(props: Props) {
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  // The key press that opened the question must not also answer it: Firefox can deliver that same
  // Enter's activation to the button focus moved to. Keyboard clicks (detail 0) count only after a
  // key went down inside the question; mouse clicks always count.
  const armed = useRef(false);
  const accepts = (e: MouseEvent) => e.detail > 0 || armed.current;
  useEffect(() => {
    armed.current = false;
    // Focus starts on Cancel: the safe choice, and a held or repeated Enter cannot confirm by itself.
    if (asking) cancelRef.current?.focus();
  }, [asking]);
  const close = () => {
    setAsking(false);
    queueMicrotask(() => openerRef.current?.focus());
  };
  if (!asking) {
    return (
      <button type="button" ref={openerRef} class={props.class ?? 'danger'} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby="confirm-question"
      onKeyDown={(e) => {
        armed.current = true;
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <p id="confirm-question">{props.question}</p>
      <button
        type="button"
        class="danger"
        onClick={async (e) => {
          if (!accepts(e)) return;
          await props.onConfirm();
          setAsking(false);
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" ref={cancelRef} onClick={(e) => accepts(e) && close()}>
        {t('cancel')}
      </button>
    </div>
  );
}
