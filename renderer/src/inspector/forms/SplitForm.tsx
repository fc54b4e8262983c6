import type { Journey, NodeOf } from '../../../../shared/journey/schema';
import { parseScalar } from '../../model/comparisons';
import type { JourneyEdit } from '../../model/edit';
import { useAppStoreApi } from '../../store/context';
import { useTraitSuggestions } from '../../store/suggestions';
import { AddButton, IconButton, InlineInput, Section, TextField } from '../../ui/fields';

/** A branch name as an output id: letters, digits, - and _ (spaces become _). */
const toOutputId = (text: string) =>
  text
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9_-]/g, '');

/** Edits to keep a renamed output's connection: the edge follows the new name. */
function followRename(journey: Journey, nodeId: string, from: string, to: string): JourneyEdit[] {
  const edge = journey.edges.find((candidate) => candidate.from === nodeId && candidate.output === from);
  return edge && to ? [{ type: 'connect', from: nodeId, output: to, to: edge.to }] : [];
}

export function SplitForm({ node, journey }: { node: NodeOf<'split'>; journey: Journey }) {
  const store = useAppStoreApi();
  const traits = useTraitSuggestions();
  const config = node.config;
  const refs = [
    ...traits.map((trait) => `user.${trait.key}`),
    'trigger.integration_type',
    ...journey.variables.map((variable) => `vars.${variable.name}`),
  ];
  const save = (cases: typeof config.cases, field: string, after: JourneyEdit[] = []) =>
    store.getState().edit(
      {
        type: 'batch',
        edits: [{ type: 'update_node', id: node.id, node: { ...node, config: { ...config, cases } } }, ...after],
      },
      { key: `${node.id}:${field}` },
    );
  return (
    <Section title="Splits by">
      <TextField
        label="Value"
        value={config.value}
        suggestions={refs}
        placeholder="user.role"
        testId="split-value"
        hint="user.<trait>, trigger.<property> or vars.<variable>"
        onChange={(value) =>
          store
            .getState()
            .edit(
              { type: 'update_node', id: node.id, node: { ...node, config: { ...config, value } } },
              { key: `${node.id}:value` },
            )
        }
      />
      <table className="value-table value-table--cases">
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">When the value is (comma between values)</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {config.cases.map((branch, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: branches are edited in place.
            <tr key={index}>
              <td>
                <InlineInput
                  label={`Branch ${index + 1} name`}
                  value={branch.output}
                  width="100%"
                  testId={`split-case-${index}-name`}
                  onChange={(text) => {
                    const output = toOutputId(text);
                    const { label: _drop, ...rest } = branch;
                    save(
                      config.cases.map((c, i) => (i === index ? { ...rest, output } : c)),
                      `case-${index}-name`,
                      followRename(journey, node.id, branch.output, output),
                    );
                  }}
                />
              </td>
              <td>
                <InlineInput
                  label={`Branch ${index + 1} values`}
                  value={branch.values.map(String).join(', ')}
                  width="100%"
                  testId={`split-case-${index}-values`}
                  onChange={(text) => {
                    const values = text.split(',').map((part) => parseScalar(part.trim()));
                    save(
                      config.cases.map((c, i) => (i === index ? { ...c, values } : c)),
                      `case-${index}-values`,
                    );
                  }}
                />
              </td>
              <td>
                <IconButton
                  label={`Remove branch ${branch.output}`}
                  onClick={() =>
                    save(
                      config.cases.filter((_, i) => i !== index),
                      'cases',
                    )
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddButton
        label="Add a branch"
        testId="split-add"
        onClick={() => {
          const taken = new Set(config.cases.map((c) => c.output));
          let n = config.cases.length + 1;
          while (taken.has(`branch_${n}`)) n++;
          save([...config.cases, { output: `branch_${n}`, values: [''] }], 'cases');
        }}
      />
      <p className="field__hint">Anyone else goes to “everyone else”.</p>
    </Section>
  );
}
