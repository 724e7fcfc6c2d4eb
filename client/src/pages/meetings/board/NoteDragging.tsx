import type { ReactNode } from 'react';
import { DndContext, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import type { BoardNote } from '@shared/cascade/board';
import type { NotesContext } from './Notes';

const newThemeId = () => `t${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

/**
 * Dragging notes with a pointer, as on a wall of sticky notes: a note dropped on a theme joins it,
 * on another note makes a new theme of the two, on the column's own list leaves its theme. Every
 * one of these can also be done with the "Group" button on the note, by keyboard or a click
 * (WCAG 2.2, 2.5.7), so the keyboard is not given a second, harder way here.
 */
export function NoteDragArea({ context, children }: { context: NotesContext; children: ReactNode }) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 8 } }));
  const noteById = (id: string) => context.notes.find((n) => n.id === id);

  async function onDragEnd({ active, over }: DragEndEvent) {
    const dragged = noteById(String(active.id).replace(/^note:/, ''));
    const target = over ? String(over.id) : null;
    if (!dragged || !target || target === active.id) return;
    if (target.startsWith('theme:')) {
      await context.act({ type: 'group-note', noteId: dragged.id, themeId: target.slice('theme:'.length) });
    } else if (target.startsWith('ungrouped:')) {
      if (dragged.theme) await context.act({ type: 'group-note', noteId: dragged.id, themeId: null });
    } else if (target.startsWith('note:')) {
      const other = noteById(target.slice('note:'.length));
      if (!other) return;
      if (other.theme) {
        await context.act({ type: 'group-note', noteId: dragged.id, themeId: other.theme });
        return;
      }
      const themeId = newThemeId();
      const name = `Theme ${context.themes.filter((t) => t.domain === other.domain).length + 1}`;
      const made = await context.act({ type: 'group-note', noteId: other.id, themeId, themeName: name });
      if (made.ok) await context.act({ type: 'group-note', noteId: dragged.id, themeId });
    }
  }

  // Always the same tree, read-only too (the notes' own hooks make them inert): swapping the
  // context away when the connection drops would remount the notes and their boxes, and take
  // focus and the caret from someone typing.
  return (
    <DndContext sensors={sensors} onDragEnd={(event) => void onDragEnd(event)}>
      {children}
    </DndContext>
  );
}

/** A note card's hooks for dragging it and dropping others on it (inert when the board is read-only). */
export function useNoteDragging(note: BoardNote, readOnly: boolean) {
  const drag = useDraggable({ id: `note:${note.id}`, disabled: readOnly });
  const drop = useDroppable({ id: `note:${note.id}`, disabled: readOnly });
  const { transform } = drag;
  return {
    ref: (node: HTMLElement | null) => {
      drag.setNodeRef(node);
      drop.setNodeRef(node);
    },
    // Pointer events only: no role or tab stop, since the Group button is the keyboard's way.
    handle: readOnly ? {} : drag.listeners,
    style: transform ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10, position: 'relative' as const } : undefined,
    dragging: drag.isDragging,
    over: drop.isOver && !drag.isDragging,
  };
}

/** A place notes can be dropped on: a theme, or a column's list of notes in no theme. */
export function useDropZone(id: string, readOnly: boolean) {
  const { setNodeRef, isOver } = useDroppable({ id, disabled: readOnly });
  return { ref: setNodeRef, over: isOver };
}
