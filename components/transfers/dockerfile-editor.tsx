'use client';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';

// The theme's own colours, so light and dark both read (the legacy mode tags instructions as keywords).
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--info)', fontWeight: '600' },
  { tag: tags.string, color: 'var(--success)' },
  { tag: tags.comment, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.variableName, tags.special(tags.variableName)], color: 'var(--warning)' },
  { tag: tags.number, color: 'var(--chart-memory)' },
]);

const theme = EditorView.theme(
  {
    '&': { backgroundColor: 'transparent', color: 'inherit', fontSize: '13px' },
    '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', caretColor: 'var(--fg)' },
    '.cm-gutters': { backgroundColor: 'transparent', color: 'var(--muted)', border: 'none' },
    '&.cm-focused': { outline: 'none' },
    '.cm-activeLine': { backgroundColor: 'transparent' },
  },
);

/** A Dockerfile editor (CodeMirror 6 with the legacy dockerfile mode). Controlled by `onChange`. */
export function DockerfileEditor({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          StreamLanguage.define(dockerFile),
          syntaxHighlighting(highlight),
          theme,
          placeholder('FROM busybox\nRUN echo hello\nCMD ["sh"]'),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
    // The document is owned by the editor after mount; `value` only seeds it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label]);
  return <div ref={host} className="max-h-72 min-h-40 overflow-auto rounded-md border border-line bg-surface" />;
}
