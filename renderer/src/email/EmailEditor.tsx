import './email.css';
import { useEffect, useId, useRef, useState } from 'react';
import type { Journey, NodeOf, Template } from '../../../shared/journey/schema';
import { nodeTitle } from '../model/describe';
import { friendlyMessage } from '../model/friendly';
import { emailFromMarkdown, markdownFromText, markdownOfTemplate, normalizeMarkdown } from '../model/markdown';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useDraftProblems } from '../store/problems/useProblems';
import { selectDraft } from '../store/selectors';
import { Modal } from '../ui/Modal';
import { EmailPreview } from './EmailPreview';
import { VariablePicker } from './VariablePicker';

type Target = 'subject' | 'body';

/** The email editor of the email step being edited, over the canvas. */
export function EmailEditorDialog() {
  const nodeId = useAppStore((state) => state.emailEditorFor);
  const journey = useAppStore(selectDraft);
  const store = useAppStoreApi();
  const node = journey?.nodes.find((candidate) => candidate.id === nodeId);
  const open = !!journey && node?.type === 'email';
  return (
    <Modal
      open={open}
      size="full"
      title={node ? `Email: ${nodeTitle(node)}` : 'Email'}
      testId="email-editor"
      onClose={() => store.getState().openEmailEditor(null)}
      footer={
        <button
          type="button"
          className="button button--primary"
          data-testid="email-done"
          onClick={() => store.getState().openEmailEditor(null)}
        >
          Done
        </button>
      }
    >
      {open && journey && node?.type === 'email' && <EmailEditor journey={journey} node={node} />}
    </Modal>
  );
}

function EmailEditor({ journey, node }: { journey: Journey; node: NodeOf<'email'> }) {
  const store = useAppStoreApi();
  const name = node.config.template;
  const template: Template = journey.templates[name] ?? { subject: '', ...emailFromMarkdown('') };
  const markdown = markdownOfTemplate(template);
  const setTemplate = (next: Template, field: string) =>
    store.getState().edit({ type: 'set_template', name, template: next }, { key: `template:${name}:${field}` });

  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastTarget = useRef<Target>('body');
  const [source, setSource] = useState(markdown ?? '');
  // Undo and redo change the template under us: follow them unless it is only our own whitespace.
  useEffect(() => {
    if (markdown !== undefined && markdown !== normalizeMarkdown(source)) setSource(markdown);
  }, [markdown, source]);

  const writeBody = (text: string) => {
    setSource(text);
    setTemplate({ ...template, ...emailFromMarkdown(text) }, 'body');
  };

  const insert = (snippet: string) => {
    if (lastTarget.current === 'subject' || markdown === undefined) {
      const input = subjectRef.current;
      const at = input?.selectionStart ?? template.subject.length;
      const end = input?.selectionEnd ?? at;
      setTemplate(
        { ...template, subject: template.subject.slice(0, at) + snippet + template.subject.slice(end) },
        'subject',
      );
      requestAnimationFrame(() => {
        input?.focus();
        input?.setSelectionRange(at + snippet.length, at + snippet.length);
      });
      return;
    }
    const area = bodyRef.current;
    const at = area?.selectionStart ?? source.length;
    const end = area?.selectionEnd ?? at;
    writeBody(source.slice(0, at) + snippet + source.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + snippet.length, at + snippet.length);
    });
  };

  const wrap = (before: string, after = before, placeholder = 'text') => {
    const area = bodyRef.current;
    const at = area?.selectionStart ?? source.length;
    const end = area?.selectionEnd ?? at;
    const selected = source.slice(at, end) || placeholder;
    writeBody(source.slice(0, at) + before + selected + after + source.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + before.length, at + before.length + selected.length);
    });
  };

  const { problems } = useDraftProblems();
  const own = problems.filter((problem) => problem.field?.startsWith(`templates.${name}.`));

  return (
    <div className="email-editor">
      <div className="email-editor__compose">
        <label className="field__label" htmlFor={`${name}-subject`}>
          Subject
        </label>
        <input
          id={`${name}-subject`}
          ref={subjectRef}
          className="input"
          data-testid="email-subject"
          value={template.subject}
          placeholder="e.g. Finish connecting your data source in 5 minutes"
          onFocus={() => {
            lastTarget.current = 'subject';
          }}
          onChange={(event) => setTemplate({ ...template, subject: event.target.value }, 'subject')}
        />
        <VariablePicker journey={journey} onInsert={insert} />
        {markdown === undefined ? (
          <HtmlBody
            template={template}
            onChange={(next) => setTemplate(next, 'html')}
            onConvert={() => writeBody(markdownFromText(template.text))}
          />
        ) : (
          <>
            <div className="field__label-row">
              <label className="field__label" htmlFor={`${name}-body`}>
                Body
              </label>
              <div className="toolbar toolbar--small" role="toolbar" aria-label="Formatting">
                <button type="button" className="tool" aria-label="Bold" title="Bold" onClick={() => wrap('**')}>
                  <strong>B</strong>
                </button>
                <button type="button" className="tool" aria-label="Italic" title="Italic" onClick={() => wrap('*')}>
                  <em>I</em>
                </button>
                <button
                  type="button"
                  className="tool"
                  aria-label="Link"
                  title="Link"
                  onClick={() => wrap('[', '](https://)', 'link text')}
                >
                  Link
                </button>
                <button
                  type="button"
                  className="tool"
                  aria-label="Bulleted list"
                  title="Bulleted list"
                  onClick={() => insert('\n- ')}
                >
                  • List
                </button>
                <button
                  type="button"
                  className="tool"
                  aria-label="Heading"
                  title="Heading"
                  onClick={() => insert('\n## ')}
                >
                  H
                </button>
              </div>
            </div>
            <textarea
              id={`${name}-body`}
              ref={bodyRef}
              className="input input--multiline email-editor__body"
              data-testid="email-body"
              value={source}
              rows={14}
              placeholder={
                'Write in plain text; **bold**, *italic*, [links](https://…) and - lists work.\n\nInsert a variable above, e.g. {{ user.workspace_name | default: "your workspace" }}.'
              }
              onFocus={() => {
                lastTarget.current = 'body';
              }}
              onChange={(event) => writeBody(event.target.value)}
            />
            <p className="field__hint">
              Markdown becomes email-safe HTML; the text part is the same words. An unsubscribe link is added to both.
            </p>
          </>
        )}
        {own.length > 0 && (
          <ul className="inspector__problems" aria-label="Problems with this email" data-testid="email-problems">
            {own.map((problem, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed as a whole.
              <li key={index} className={`problem-line problem-line--${problem.severity}`}>
                {friendlyMessage(problem)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <EmailPreview journey={journey} template={template} from={node.config.from ?? journey.settings.from} />
    </div>
  );
}

function HtmlBody({
  template,
  onChange,
  onConvert,
}: {
  template: Template;
  onChange: (t: Template) => void;
  onConvert: () => void;
}) {
  const htmlId = useId();
  const textId = useId();
  return (
    <div className="html-body">
      <div className="notice">
        <p>
          This email’s body was written in HTML. Edit the HTML and text parts below, or rewrite it in Markdown starting
          from its text part (its HTML is then generated).
        </p>
        <button type="button" className="button" data-testid="convert-to-markdown" onClick={onConvert}>
          Rewrite in Markdown
        </button>
      </div>
      <label className="field__label" htmlFor={htmlId}>
        HTML part
      </label>
      <textarea
        id={htmlId}
        className="input input--multiline input--code"
        rows={8}
        value={template.html}
        onChange={(event) => onChange({ ...template, html: event.target.value })}
      />
      <label className="field__label" htmlFor={textId}>
        Text part
      </label>
      <textarea
        id={textId}
        className="input input--multiline input--code"
        rows={6}
        value={template.text}
        onChange={(event) => onChange({ ...template, text: event.target.value })}
      />
    </div>
  );
}
