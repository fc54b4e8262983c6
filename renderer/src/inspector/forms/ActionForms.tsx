import type { NodeOf } from '../../../../shared/journey/schema';
import { EventField } from '../../ui/EventField';
import { AddButton, IconButton, InlineInput, Section, Segmented, TextField } from '../../ui/fields';
import { useNodeEditor } from '../useNodeEditor';

export function WebhookForm({ node }: { node: NodeOf<'webhook'> }) {
  const update = useNodeEditor(node.id);
  const config = node.config;
  const headers = Object.entries(config.headers ?? {});
  const setHeaders = (entries: [string, string][]) => {
    const { headers: _drop, ...rest } = config;
    update(
      { ...node, config: entries.length > 0 ? { ...rest, headers: Object.fromEntries(entries) } : rest },
      'headers',
    );
  };
  return (
    <Section title="Calls">
      <TextField
        label="Address"
        value={config.url}
        placeholder="https://…"
        testId="webhook-url"
        onChange={(url) => update({ ...node, config: { ...config, url } }, 'url')}
      />
      <TextField
        label="Body (JSON, may use {{ user.email }} and the like)"
        multiline
        rows={5}
        value={config.body}
        testId="webhook-body"
        onChange={(body) => update({ ...node, config: { ...config, body } }, 'body')}
      />
      <div className="field">
        <span className="field__label">Headers</span>
        {headers.map(([key, value], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: headers are edited in place.
          <div key={index} className="sentence-row">
            <InlineInput
              label="Header name"
              value={key}
              width="9em"
              onChange={(name) => setHeaders(headers.map((h, i) => (i === index ? [name, h[1]] : h)))}
            />
            <InlineInput
              label="Header value"
              value={value}
              width="12em"
              onChange={(text) => setHeaders(headers.map((h, i) => (i === index ? [h[0], text] : h)))}
            />
            <IconButton label="Remove header" onClick={() => setHeaders(headers.filter((_, i) => i !== index))} />
          </div>
        ))}
        <AddButton
          label="Add a header"
          onClick={() => setHeaders([...headers, [`X-Header-${headers.length + 1}`, '']])}
        />
      </div>
    </Section>
  );
}

export function TrackForm({ node }: { node: NodeOf<'track'> }) {
  const update = useNodeEditor(node.id);
  const config = node.config;
  return (
    <Section title="Records">
      <Segmented
        label="What to record"
        value={config.action}
        testId="track-action"
        options={[
          { value: 'event', label: 'An event' },
          { value: 'trait', label: 'A trait on the user' },
        ]}
        onChange={(action) =>
          update(
            {
              ...node,
              config: action === 'event' ? { action, event: '', properties: {} } : { action, trait: '', value: '' },
            },
            'action',
          )
        }
      />
      {config.action === 'event' ? (
        <>
          <EventField
            label="Event name"
            value={config.event}
            testId="track-event"
            onChange={(event) => update({ ...node, config: { ...config, event } }, 'event')}
          />
          <div className="field">
            <span className="field__label">
              Properties (values may use {'{{ trigger.integration_type }}'} and the like)
            </span>
            {Object.entries(config.properties).map(([key, value], index, all) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a property is edited in place, its name included.
              <div key={index} className="sentence-row">
                <InlineInput
                  label="Property name"
                  value={key}
                  width="8em"
                  testId={`track-property-${index}-name`}
                  onChange={(name) =>
                    update(
                      {
                        ...node,
                        config: {
                          ...config,
                          properties: Object.fromEntries(all.map(([k, v]) => (k === key ? [name, v] : [k, v]))),
                        },
                      },
                      `prop-${index}`,
                    )
                  }
                />
                <InlineInput
                  label="Property value"
                  value={value}
                  width="13em"
                  testId={`track-property-${index}-value`}
                  onChange={(text) =>
                    update(
                      { ...node, config: { ...config, properties: { ...config.properties, [key]: text } } },
                      `prop-${index}`,
                    )
                  }
                />
                <IconButton
                  label={`Remove ${key}`}
                  onClick={() =>
                    update(
                      {
                        ...node,
                        config: { ...config, properties: Object.fromEntries(all.filter(([k]) => k !== key)) },
                      },
                      'props',
                    )
                  }
                />
              </div>
            ))}
            <AddButton
              label="Add a property"
              testId="track-add-property"
              onClick={() => {
                let n = Object.keys(config.properties).length + 1;
                while (Object.hasOwn(config.properties, `property_${n}`)) n++;
                update(
                  { ...node, config: { ...config, properties: { ...config.properties, [`property_${n}`]: '' } } },
                  'props',
                );
              }}
            />
          </div>
        </>
      ) : (
        <>
          <TextField
            label="Trait"
            value={config.trait}
            placeholder="e.g. setup_stage"
            onChange={(trait) => update({ ...node, config: { ...config, trait } }, 'trait')}
          />
          <TextField
            label="Value"
            value={config.value}
            placeholder="e.g. abandoned"
            onChange={(value) => update({ ...node, config: { ...config, value } }, 'value')}
          />
        </>
      )}
    </Section>
  );
}

export function ExitForm({ node }: { node: NodeOf<'exit'> }) {
  const update = useNodeEditor(node.id);
  return (
    <Section title="Ends the journey">
      <TextField
        label="Reason (shown in reports)"
        value={node.config.reason ?? ''}
        placeholder="e.g. setup_done"
        testId="exit-reason"
        onChange={(reason) => update({ ...node, config: reason ? { reason } : {} }, 'reason')}
      />
    </Section>
  );
}
