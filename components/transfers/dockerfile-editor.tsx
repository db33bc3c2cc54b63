'use client';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';

// Colours readable on the dark panel (the legacy mode tags instructions as keywords).
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#7cc4ff', fontWeight: '600' },
  { tag: tags.string, color: '#b5e08c' },
  { tag: tags.comment, color: '#8b98a9', fontStyle: 'italic' },
  { tag: [tags.variableName, tags.special(tags.variableName)], color: '#f5c26b' },
  { tag: tags.number, color: '#f0a3ff' },
]);

const theme = EditorView.theme(
  {
    '&': { backgroundColor: 'transparent', color: 'inherit', fontSize: '13px' },
    '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', caretColor: '#e2e8f0' },
    '.cm-gutters': { backgroundColor: 'transparent', color: '#64748b', border: 'none' },
    '&.cm-focused': { outline: 'none' },
    '.cm-activeLine': { backgroundColor: 'transparent' },
  },
  { dark: true },
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
