/** The keyboard shortcuts of the editor, as the help sheet lists them. `mod` is Ctrl (⌘ on a Mac). */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['mod', 'Z'], action: 'Undo' },
  { keys: ['mod', 'Shift', 'Z'], action: 'Redo (also mod + Y)' },
  { keys: ['Delete'], action: 'Delete the selected steps or connections (also Backspace)' },
  { keys: ['mod', 'C'], action: 'Copy the selected steps' },
  { keys: ['mod', 'X'], action: 'Cut the selected steps' },
  { keys: ['mod', 'V'], action: 'Paste (into this or another journey)' },
  { keys: ['mod', 'D'], action: 'Duplicate the selected steps' },
  { keys: ['mod', 'A'], action: 'Select every step' },
  { keys: ['Shift', 'click'], action: 'Add a step to the selection' },
  { keys: ['Shift', 'drag'], action: 'Select the steps inside a box' },
  { keys: ['←', '↑', '→', '↓'], action: 'Move the selected steps (with Shift: further)' },
  { keys: ['Tab'], action: 'Go from step to step; Enter selects the focused one' },
  { keys: ['Esc'], action: 'Clear the selection' },
  { keys: ['Shift', '1'], action: 'Fit the whole journey in view' },
  { keys: ['+'], action: 'Zoom in' },
  { keys: ['-'], action: 'Zoom out' },
  { keys: ['?'], action: 'Show this list' },
];

export const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
