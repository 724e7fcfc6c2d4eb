import { useEffect, useLayoutEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import { placeLocalEdit } from './text-edit';

/**
 * A textarea bound to a Y.Text: local typing becomes the smallest insert/delete, and remote
 * changes update the text while keeping the caret where it was relative to the text around it.
 */
export function CollabTextarea({ text, maxLength, ...props }: { text: Y.Text; maxLength: number } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useState(() => text.toString());
  // Where the caret goes once the new text is on screen. Set in the same commit as the text (not
  // in an animation frame, which a background tab may not run for a while), so nothing typed in
  // between lands where the browser put the caret when the value changed: at the end.
  const pendingSelection = useRef<{ start: number; end: number } | null>(null);
  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    if (selection && ref.current) ref.current.setSelectionRange(selection.start, selection.end);
    pendingSelection.current = null;
  }, [value]);

  useEffect(() => {
    const observer = (event: Y.YTextEvent) => {
      const element = ref.current;
      const next = text.toString();
      if (element && document.activeElement === element && !event.transaction.local) {
        // Shift the selection by what was inserted or deleted before it.
        let index = 0;
        let { selectionStart: start, selectionEnd: end } = element;
        for (const op of event.delta) {
          if (op.retain) index += op.retain;
          else if (typeof op.insert === 'string') {
            if (index <= start) start += op.insert.length;
            if (index <= end) end += op.insert.length;
            index += op.insert.length;
          } else if (op.delete) {
            if (index < start) start -= Math.min(op.delete, start - index);
            if (index < end) end -= Math.min(op.delete, end - index);
          }
        }
        pendingSelection.current = { start, end };
        setValue(next);
      } else setValue(next);
    };
    setValue(text.toString());
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  return (
    <textarea
      ref={ref}
      value={value}
      maxLength={maxLength}
      onChange={(event) => {
        const next = event.target.value.slice(0, maxLength);
        // A remote change may have reached the Y.Text before it reached the screen: the edit is
        // what changed from the text on screen, placed after that change rather than undoing it.
        const edit = placeLocalEdit(value, next, text.toString());
        text.doc!.transact(() => {
          if (edit.removed > 0) text.delete(edit.at, edit.removed);
          if (edit.inserted) text.insert(edit.at, edit.inserted);
        });
        const merged = text.toString();
        if (merged !== next) {
          // The screen now also shows the remote change: keep the caret just after what was typed.
          const caret = edit.at + edit.inserted.length;
          pendingSelection.current = { start: caret, end: caret };
        }
        setValue(merged);
      }}
      {...props}
    />
  );
}
