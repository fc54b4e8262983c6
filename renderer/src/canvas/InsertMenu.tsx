import { useEffect, useRef } from 'react';
import type { NodeType } from '../../../shared/journey/schema';
import { StepTypeButtons } from '../ui/StepTypeButtons';

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
      <StepTypeButtons onChoose={onChoose} testIdPrefix="insert-" role="menuitem" />
    </div>
  );
}
