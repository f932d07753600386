/** A department to poll: its id and the name used in the `department_name` label. */
export interface Department {
  readonly id: string;
  readonly name: string;
}

/** The aggregate's `department` label; discovered ids never take this value. */
export const ALL_DEPARTMENTS: Department = { id: 'all', name: 'All departments' };

/** The `department` and `department_name` labels of `d`. */
export const departmentLabels = (d: Department): { department: string; department_name: string } => ({
  department: d.id,
  department_name: d.name,
});
