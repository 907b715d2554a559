// A promise-based confirmation dialog: `await confirm({...})` is true when the user agrees.
// One <ConfirmHost> in App renders whichever request is pending.
export type ConfirmRequest = {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  resolve: (ok: boolean) => void;
};

export const pending = $state<{ request: ConfirmRequest | null }>({ request: null });

export function confirm(req: Omit<ConfirmRequest, "resolve">): Promise<boolean> {
  return new Promise((resolve) => {
    pending.request?.resolve(false);
    pending.request = { ...req, resolve };
  });
}

export function settle(ok: boolean) {
  const req = pending.request;
  pending.request = null;
  req?.resolve(ok);
}

