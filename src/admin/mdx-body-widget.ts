import { createElement as h, Fragment, useId, useRef, useState, type ChangeEvent } from 'react';
import { insertCallout } from './callout.ts';
import { calloutTitleProblem, mdxBodyProblems } from './mdx-check.ts';

// The page-text editor. Decap's markdown widget has a rich-text mode that re-writes the whole text
// through remark when it is used, escaping MDX (brackets, JSX tags) on save; its raw mode keeps the
// text exactly but disables the toolbar, so its editor-component buttons are gone. This control is
// the raw mode done our way: the text exactly as it is on disk, plus an "Add a callout" button with
// a small form, and a check that stops a save which would break the build.

interface Props {
  value?: string | null;
  onChange: (value: string) => void;
  forID: string;
  classNameWrapper: string;
  setActiveStyle?: () => void;
  setInactiveStyle?: () => void;
}

/** Decap calls isValid() on class components only, so the control is a class wrapping hooks. */
export function createMdxBodyControl(React: typeof import('react')) {
  function Editor({ value, onChange, forID, classNameWrapper, setActiveStyle, setInactiveStyle }: Props) {
    const text = value ?? '';
    const area = useRef<HTMLTextAreaElement>(null);
    const cursor = useRef<number>(text.length);
    const [open, setOpen] = useState(false);
    const [title, setTitle] = useState('');
    const [body, setBody] = useState('');
    const [bodyError, setBodyError] = useState('');
    const [titleError, setTitleError] = useState('');
    const id = useId();

    const remember = () => {
      if (area.current) cursor.current = area.current.selectionStart;
    };
    const insert = () => {
      // The same rule the save check applies, so the form never writes what the check refuses.
      setTitleError(calloutTitleProblem(title) ?? '');
      setBodyError(body.trim() ? '' : 'Enter the text of the callout');
      if (calloutTitleProblem(title) || !body.trim()) return;
      const result = insertCallout(text, Math.min(cursor.current, text.length), { title, body });
      onChange(result.text);
      setOpen(false);
      setTitle('');
      setBody('');
      setBodyError('');
      setTitleError('');
      requestAnimationFrame(() => {
        area.current?.focus();
        area.current?.setSelectionRange(result.cursor, result.cursor);
      });
    };

    return h(
      Fragment,
      null,
      h(
        'div',
        { className: 'hub-mdx-toolbar' },
        h(
          'button',
          { type: 'button', 'aria-expanded': open, 'aria-controls': `${id}-callout`, onClick: () => setOpen(!open) },
          'Add a callout',
        ),
      ),
      open &&
        h(
          'fieldset',
          { id: `${id}-callout`, className: 'hub-mdx-callout-form' },
          h('legend', null, 'Add a callout'),
          h('p', null, 'A callout is a highlighted box. It goes where the cursor was in the page text.'),
          h('label', { htmlFor: `${id}-title` }, 'Heading (optional)'),
          titleError && h('p', { id: `${id}-title-error`, className: 'hub-mdx-error' }, titleError),
          h('input', {
            id: `${id}-title`,
            type: 'text',
            value: title,
            'aria-describedby': titleError ? `${id}-title-error` : undefined,
            onChange: (e: ChangeEvent<HTMLInputElement>) => setTitle(e.target.value),
          }),
          h('label', { htmlFor: `${id}-body` }, 'Text'),
          bodyError && h('p', { id: `${id}-body-error`, className: 'hub-mdx-error' }, bodyError),
          h('textarea', {
            id: `${id}-body`,
            rows: 4,
            value: body,
            'aria-describedby': bodyError ? `${id}-body-error` : undefined,
            onChange: (e: ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value),
          }),
          h(
            'div',
            { className: 'hub-mdx-actions' },
            h('button', { type: 'button', onClick: insert }, 'Insert callout'),
            h('button', { type: 'button', onClick: () => setOpen(false) }, 'Cancel'),
          ),
        ),
      h('textarea', {
        id: forID,
        ref: area,
        className: `${classNameWrapper} hub-mdx-text`,
        value: text,
        rows: 24,
        spellCheck: true,
        onChange: (e: ChangeEvent<HTMLTextAreaElement>) => {
          cursor.current = e.target.selectionStart;
          onChange(e.target.value);
        },
        onSelect: remember,
        onKeyUp: remember,
        onClick: remember,
        onFocus: setActiveStyle,
        onBlur: () => {
          remember();
          setInactiveStyle?.();
        },
      }),
    );
  }

  return class MdxBodyControl extends React.Component<Props> {
    isValid() {
      const problems = mdxBodyProblems(this.props.value ?? '');
      return problems.length === 0 ? true : { error: { type: 'CUSTOM', message: problems.join(' ') } };
    }
    render() {
      return h(Editor, this.props);
    }
  };
}
