/** How long a stopping sender waits for the messages in flight to be recorded. */
export const STOP_WAIT_MS = 30_000;

/**
 * What a stopping sender waits on: the messages in flight (emails finish, a message half through
 * DATA is not worth a duplicate) for at most STOP_WAIT_MS. `settled()` is called as each finishes.
 */
export function createInFlightWait(inFlight: () => number) {
  let waiter: (() => void) | undefined;
  return {
    settled(): void {
      if (inFlight() === 0) waiter?.();
    },
    async wait(): Promise<void> {
      if (inFlight() > 0) {
        await new Promise<void>((resolve) => {
          const giveUp = setTimeout(resolve, STOP_WAIT_MS);
          waiter = () => {
            clearTimeout(giveUp);
            resolve();
          };
        });
      }
      waiter = undefined;
    },
  };
}
