/** What the roles service knows about one member when it decides for them. */
export interface MemberView {
  userId: string;
  level: number;
  rulesAgreed: boolean;
  /** The roles the member has, or will have once the changes in flight land. */
  roles: ReadonlySet<string>;
}

/** One role the member should have (`want`) or not have. */
export interface DesiredChange {
  roleId: string;
  want: boolean;
}

export interface RoleProblem {
  roleId: string;
  reason: string;
}
