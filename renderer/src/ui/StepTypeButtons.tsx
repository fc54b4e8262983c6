import type { NodeType } from '../../../shared/journey/schema';
import { PALETTE_GROUPS } from '../model/paletteItems';
import { Icon } from './Icon';

/** Every kind of step that can follow another (all but a trigger). */
const FOLLOWING_STEPS = PALETTE_GROUPS.flatMap((group) => group.items).filter((item) => item.type !== 'trigger');

/** One button per kind of step, with its glyph: the choices of "insert a step" and "add a step here". */
export function StepTypeButtons({
  onChoose,
  testIdPrefix,
  role,
}: {
  onChoose: (type: NodeType) => void;
  testIdPrefix: string;
  /** `menuitem` inside a menu. */
  role?: 'menuitem';
}) {
  return FOLLOWING_STEPS.map((item) => (
    <button
      key={item.type}
      type="button"
      role={role}
      className={`insert-menu__item palette__item--${item.type}`}
      data-testid={`${testIdPrefix}${item.type}`}
      onClick={() => onChoose(item.type)}
    >
      <span className="palette__icon">
        <Icon name={item.type} className="node-icon" />
      </span>
      {item.label}
    </button>
  ));
}
