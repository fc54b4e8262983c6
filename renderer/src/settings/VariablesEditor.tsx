import type { Journey } from '../../../shared/journey/schema';
import { CATEGORY_VARIABLE } from '../model/presets';
import { AddButton, IconButton, InlineInput, TextField } from '../ui/fields';

type Variable = Journey['variables'][number];

/**
 * Values worked out once when a user enters, e.g. the integration category from the integration
 * type ("stripe" → "oauth"), which timings and branches can then use as vars.category.
 */
export function VariablesEditor({
  journey,
  onChange,
}: {
  journey: Journey;
  onChange: (variables: Variable[], field: string) => void;
}) {
  const variables = journey.variables;
  const replace = (index: number, next: Variable, field: string) =>
    onChange(
      variables.map((variable, i) => (i === index ? next : variable)),
      `${index}:${field}`,
    );
  return (
    <div className="variables" data-testid="variables">
      {variables.map((variable, index) => {
        const entries = Object.entries(variable.map);
        const setMap = (next: [string, string][], field: string) =>
          replace(index, { ...variable, map: Object.fromEntries(next) }, field);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: variables are edited in place, names included.
          <div key={index} className="variable" data-testid={`variable-${index}`}>
            <div className="variable__header">
              <TextField
                label="Name (use it as vars.name)"
                value={variable.name}
                testId={`variable-${index}-name`}
                onChange={(name) => replace(index, { ...variable, name: name.replace(/[^A-Za-z0-9_]/g, '_') }, 'name')}
              />
              <IconButton
                label={`Remove variable ${variable.name}`}
                onClick={() =>
                  onChange(
                    variables.filter((_, i) => i !== index),
                    'remove',
                  )
                }
              />
            </div>
            <TextField
              label="Worked out from"
              value={variable.from}
              placeholder="trigger.integration_type"
              suggestions={['trigger.integration_type', 'user.role', 'user.plan']}
              testId={`variable-${index}-from`}
              onChange={(from) => replace(index, { ...variable, from }, 'from')}
            />
            <table className="value-table">
              <thead>
                <tr>
                  <th scope="col">When it is</th>
                  <th scope="col">the variable is</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map(([key, value], row) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, keys included.
                  <tr key={row}>
                    <td>
                      <InlineInput
                        label={`Value ${row + 1}`}
                        value={key}
                        width="100%"
                        testId={`variable-${index}-key-${row}`}
                        onChange={(text) =>
                          setMap(
                            entries.map((e, i) => (i === row ? [text, e[1]] : e)),
                            `key-${row}`,
                          )
                        }
                      />
                    </td>
                    <td>
                      <InlineInput
                        label={`Becomes ${row + 1}`}
                        value={value}
                        width="100%"
                        testId={`variable-${index}-value-${row}`}
                        onChange={(text) =>
                          setMap(
                            entries.map((e, i) => (i === row ? [e[0], text] : e)),
                            `value-${row}`,
                          )
                        }
                      />
                    </td>
                    <td>
                      <IconButton
                        label={`Remove ${key}`}
                        onClick={() =>
                          setMap(
                            entries.filter((_, i) => i !== row),
                            'remove-row',
                          )
                        }
                      />
                    </td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">anything else</th>
                  <td>
                    <InlineInput
                      label="Otherwise"
                      value={variable.default}
                      width="100%"
                      testId={`variable-${index}-default`}
                      onChange={(text) => replace(index, { ...variable, default: text }, 'default')}
                    />
                  </td>
                  <td />
                </tr>
              </tbody>
            </table>
            <AddButton
              label="Add a value"
              testId={`variable-${index}-add`}
              onClick={() => {
                let n = entries.length + 1;
                while (Object.hasOwn(variable.map, `value_${n}`)) n++;
                setMap([...entries, [`value_${n}`, '']], 'add-row');
              }}
            />
          </div>
        );
      })}
      <div className="row-actions">
        <AddButton
          label="Add a variable"
          testId="variable-add"
          onClick={() => {
            let n = variables.length + 1;
            while (variables.some((variable) => variable.name === `variable_${n}`)) n++;
            onChange([...variables, { name: `variable_${n}`, from: 'user.role', map: {}, default: '' }], 'add');
          }}
        />
        {!variables.some((variable) => variable.name === 'category') && (
          <button
            type="button"
            className="link-button"
            data-testid="variable-add-category"
            onClick={() => onChange([...variables, CATEGORY_VARIABLE], 'add')}
          >
            + Integration category (OAuth / API / domain)
          </button>
        )}
      </div>
    </div>
  );
}
