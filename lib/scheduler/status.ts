/**
 * The result of running a scheduling plugin (`pkg/scheduler/framework/interface.go` `Status`, v1.32):
 * a code and the human-readable reasons that end up in the FailedScheduling message.
 */

/** `framework.Code`. */
export const Code = {
  Success: 'Success',
  Error: 'Error',
  /** The node does not fit now; preemption may help. */
  Unschedulable: 'Unschedulable',
  /** The node does not fit and preemption cannot change that. */
  UnschedulableAndUnresolvable: 'UnschedulableAndUnresolvable',
  /** The plugin has nothing to do for this pod (PreFilter/PreScore only). */
  Skip: 'Skip',
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** `framework.Status`: a code, its reasons, and the plugin that returned it. */
export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  readonly plugin?: string;
}

/** The success status (Go's nil *Status). */
export const SUCCESS: Status = Object.freeze({ code: Code.Success, reasons: [] });

/** `framework.NewStatus(code, reasons...)`. */
export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons };
}

/** `Status.IsSuccess`. */
export const isSuccess = (s: Status): boolean => s.code === Code.Success;

/** `Status.IsRejected`: Unschedulable or UnschedulableAndUnresolvable. */
export const isRejected = (s: Status): boolean => s.code === Code.Unschedulable || s.code === Code.UnschedulableAndUnresolvable;

/** `Status.Message`: the reasons joined by `, `. */
export const statusMessage = (s: Status): string => s.reasons.join(', ');
