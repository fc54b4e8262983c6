import { useEffect, useRef } from 'react';
import type { NodeType } from '../../../shared/journey/schema';
import { Icon } from '../ui/Icon';
import { PALETTE_GROUPS } from './paletteItems';

/** The step types offered by an edge's "+", as a small menu at the button. */
export function InsertMenu({
  at,
  onChoose,
  onClose,
}: {
  at: { x: number; y: number };
  onChoose: (type: NodeType) => void;
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector('button')?.focus();
    const close = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [onClose]);
  const items = PALETTE_GROUPS.flatMap((group) => group.items).filter((item) => item.type !== 'trigger');
  return (
    <div
      ref={menu}
      className="insert-menu"
      role="menu"
      aria-label="Insert a step"
      data-testid="insert-menu"
      style={{ left: at.x, top: at.y }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const buttons = [...(menu.current?.querySelectorAll('button') ?? [])];
          const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
          const next = buttons[(index + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
          next?.focus();
        }
      }}
    >
      {items.map((item) => (
        <button
          key={item.type}
          type="button"
          role="menuitem"
          className={`insert-menu__item palette__item--${item.type}`}
          data-testid={`insert-${item.type}`}
          onClick={() => onChoose(item.type)}
        >
          <span className="palette__icon">
            <Icon name={item.type} className="node-icon" />
          </span>
          {item.label}
        </button>
      ))}
    </div>
  );
}
