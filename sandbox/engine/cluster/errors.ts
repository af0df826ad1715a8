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

export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly code: number;
  readonly causes: readonly FieldError[];

  constructor(reason: StatusReason, message: string, causes: readonly FieldError[] = []) {
    super(message);
    this.name = "ApiError";
    this.reason = reason;
    this.code = STATUS_CODES[reason];
    this.causes = causes;
  }
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
