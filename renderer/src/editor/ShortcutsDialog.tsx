import './editor.css';
import { isMac, SHORTCUTS } from '../canvas/shortcuts';
import { useAppStore, useAppStoreApi } from '../store/context';
import { Modal } from '../ui/Modal';

/** The keyboard shortcuts, opened with ? or the keyboard button. */
export function ShortcutsDialog() {
  const open = useAppStore((state) => state.shortcutsOpen);
  const store = useAppStoreApi();
  const mod = isMac() ? '⌘' : 'Ctrl';
  return (
    <Modal
      open={open}
      title="Keyboard shortcuts"
      testId="shortcuts"
      onClose={() => store.getState().setShortcutsOpen(false)}
    >
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action}>
              <td className="shortcuts__keys">
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && (shortcut.keys[0] === '←' ? ' ' : ' + ')}
                    <kbd>{key === 'mod' ? mod : key}</kbd>
                  </span>
                ))}
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
