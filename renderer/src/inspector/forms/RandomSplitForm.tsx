import type { NodeOf } from '../../../../shared/journey/schema';
import { AddButton, IconButton, InlineInput, Section } from '../../ui/fields';
import { useNodeEditor } from '../useNodeEditor';

const toOutputId = (text: string) =>
  text
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9_-]/g, '');

export function RandomSplitForm({ node }: { node: NodeOf<'random_split'> }) {
  const update = useNodeEditor(node.id);
  const branches = node.config.branches;
  const total = branches.reduce((sum, branch) => sum + branch.percent, 0);
  const set = (next: typeof branches, field: string) => update({ ...node, config: { branches: next } }, field);
  const even = () => {
    const share = Math.floor(100 / branches.length);
    set(
      branches.map((branch, i) => ({ ...branch, percent: i === 0 ? 100 - share * (branches.length - 1) : share })),
      'even',
    );
  };
  return (
    <Section title="Shares">
      <table className="value-table">
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">Share</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {branches.map((branch, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: branches are edited in place.
            <tr key={index}>
              <td>
                <InlineInput
                  label={`Branch ${index + 1} name`}
                  value={branch.output}
                  width="100%"
                  onChange={(text) =>
                    set(
                      branches.map((b, i) => (i === index ? { ...b, output: toOutputId(text) } : b)),
                      `name-${index}`,
                    )
                  }
                />
              </td>
              <td>
                <span className="percent-input">
                  <InlineInput
                    label={`Branch ${index + 1} percent`}
                    type="number"
                    min={0}
                    value={String(branch.percent)}
                    width="5em"
                    testId={`random-percent-${index}`}
                    onChange={(text) =>
                      set(
                        branches.map((b, i) =>
                          i === index ? { ...b, percent: Math.min(100, Math.max(0, Number(text) || 0)) } : b,
                        ),
                        `percent-${index}`,
                      )
                    }
                  />
                  %
                </span>
              </td>
              <td>
                {branches.length > 2 && (
                  <IconButton
                    label={`Remove branch ${branch.output}`}
                    onClick={() =>
                      set(
                        branches.filter((_, i) => i !== index),
                        'branches',
                      )
                    }
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={`total${total === 100 ? '' : ' total--bad'}`} data-testid="random-total" role="status">
        Total {total}%{total === 100 ? '' : ' — the shares must add up to 100%'}
      </p>
      <div className="row-actions">
        <AddButton
          label="Add a branch"
          onClick={() => {
            const taken = new Set(branches.map((b) => b.output));
            let letter = 'a'.charCodeAt(0);
            while (taken.has(String.fromCharCode(letter))) letter++;
            set([...branches, { output: String.fromCharCode(letter), percent: 0 }], 'branches');
          }}
        />
        <button type="button" className="link-button" onClick={even}>
          Share evenly
        </button>
      </div>
    </Section>
  );
}
