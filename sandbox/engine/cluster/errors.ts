/**
 * Errors the API server answers with. kubectl turns them into the lines a learner reads
 * (objects.md §5): `Error from server (NotFound): pods "x" not found`, or for Invalid the
 * `The Pod "x" is invalid: ...` form, so the message here is the server's own text.
 */
export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Invalid"
  | "Forbidden"
  | "BadRequest"
  | "Conflict"
  | "MethodNotAllowed";

export interface FieldError {
  /** e.g. "spec.replicas" */
  field: string;
  /** e.g. "Invalid value", "Required value", "Forbidden", "Unsupported value" */
  type: string;
  /** The full rendered detail, e.g. `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
  message: string;
}

/** Which object an Invalid error is about: kubectl builds `The <kind> "<name>" is invalid` from it. */
export interface StatusDetails {
  /** The Go kind, e.g. "StatefulSet" (no group). */
  kind: string;
  /** "" for the core group, e.g. "apps". */
  group: string;
  name: string;
}

export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly code: number;
  readonly causes: readonly FieldError[];
  readonly details: StatusDetails | undefined;

  constructor(
    reason: StatusReason,
    message: string,
    causes: readonly FieldError[] = [],
    details?: StatusDetails,
  ) {
    super(message);
    this.name = "ApiError";
    this.reason = reason;
    this.code = STATUS_CODES[reason];
    this.causes = causes;
    this.details = details;
  }
}

/**
 * apimachinery's NewInvalid: the message is `<Kind>[.<group>] "<name>" is invalid: <causes>`,
 * the causes joined as an aggregate (`[a, b]` when there are several). kubectl prints
 * `The <Kind> "<name>" is invalid: ...` from `details` and `causes` instead (objects.md §5).
 */
export function invalidError(details: StatusDetails, causes: readonly FieldError[]): ApiError {
  const qualified = details.group === "" ? details.kind : `${details.kind}.${details.group}`;
  // field.ErrorList.ToAggregate drops repeated messages.
  const messages = [...new Set(causes.map((c) => c.message))];
  const aggregate = messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
  return new ApiError("Invalid", `${qualified} "${details.name}" is invalid: ${aggregate}`, causes, details);
}

const STATUS_CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  MethodNotAllowed: 405,
};
