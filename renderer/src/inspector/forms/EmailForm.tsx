import type { Journey, NodeOf } from '../../../../shared/journey/schema';
import { describeTemplateText } from '../../model/describe';
import { useAppStoreApi } from '../../store/context';
import { Section, TextField } from '../fields';
import { useNodeEditor } from '../useNodeEditor';

export function EmailForm({ node, journey }: { node: NodeOf<'email'>; journey: Journey }) {
  const store = useAppStoreApi();
  const update = useNodeEditor(node.id);
  const config = node.config;
  const template = journey.templates[config.template];
  const optional = (key: 'from' | 'replyTo', text: string) => {
    const { [key]: _drop, ...rest } = config;
    update({ ...node, config: text ? { ...rest, [key]: text } : rest }, key);
  };
  return (
    <Section title="Sends">
      <div className="email-summary">
        <p className="email-summary__label">Subject</p>
        <p className="email-summary__subject" data-testid="email-summary-subject">
          {template ? (
            describeTemplateText(template.subject) || <em>No subject yet</em>
          ) : (
            <em>This email’s content is missing</em>
          )}
        </p>
        <button
          type="button"
          className="button button--primary"
          data-testid="edit-email"
          onClick={() => store.getState().openEmailEditor(node.id)}
        >
          Edit email
        </button>
      </div>
      <TextField
        label="From (optional)"
        value={config.from ?? ''}
        placeholder={journey.settings.from ?? 'the journey’s sender'}
        onChange={(text) => optional('from', text)}
      />
      <TextField
        label="Reply to (optional)"
        value={config.replyTo ?? ''}
        onChange={(text) => optional('replyTo', text)}
      />
    </Section>
  );
}
