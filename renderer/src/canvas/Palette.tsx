import type { NodeType } from '../../../shared/journey/schema';
import { PALETTE_GROUPS } from '../model/paletteItems';
import { Icon } from '../ui/Icon';
import { PALETTE_MIME } from './flowTypes';

/**
 * Every step type, to drag onto the canvas or to click: a click adds the step after the
 * selected one (connected to its first free output), or in the middle of the view.
 */
export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  return (
    <nav className="palette" aria-label="Steps to add" data-testid="palette">
      {PALETTE_GROUPS.map((group) => (
        <div key={group.label} className="palette__group">
          {group.items.map((item) => (
            <button
              key={item.type}
              type="button"
              className={`palette__item palette__item--${item.type}`}
              data-testid={`palette-${item.type}`}
              draggable
              title={`${item.label}: ${item.hint}`}
              aria-label={`${item.short}: ${item.hint}`}
              onDragStart={(event) => {
                event.dataTransfer.setData(PALETTE_MIME, item.type);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(item.type)}
            >
              <span className="palette__icon">
                <Icon name={item.type} className="node-icon" />
              </span>
              <span className="palette__label">{item.short}</span>
            </button>
          ))}
        </div>
      ))}
    </nav>
  );
}
