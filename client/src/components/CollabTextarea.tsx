import { useEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';

/**
 * A textarea bound to a Y.Text: local typing becomes the smallest insert/delete, and remote
 * changes update the text while keeping the caret where it was relative to the text around it.
 */
export function CollabTextarea({ text, maxLength, ...props }: { text: Y.Text; maxLength: number } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useState(() => text.toString());

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
        setValue(next);
        requestAnimationFrame(() => element.setSelectionRange(start, end));
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
        const previous = text.toString();
        let prefix = 0;
        while (prefix < previous.length && prefix < next.length && previous[prefix] === next[prefix]) prefix++;
        let suffix = 0;
        while (
          suffix < previous.length - prefix &&
          suffix < next.length - prefix &&
          previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]
        )
          suffix++;
        text.doc!.transact(() => {
          const removed = previous.length - prefix - suffix;
          if (removed > 0) text.delete(prefix, removed);
          const inserted = next.slice(prefix, next.length - suffix);
          if (inserted) text.insert(prefix, inserted);
        });
        setValue(next);
      }}
      {...props}
    />
  );
}
