/**
 * Identity Center users' enterprise attributes for a seeded world: a manager tree (the first user is
 * the top; every other user reports to an earlier one), departments that mostly follow the manager's,
 * titles, cost centres, divisions and employee numbers. Drawn from its own random stream, so the rest
 * of the world is the same with or without it.
 */
import type { Rng } from './random.ts';
import type { IdentityCenter, SsoUser } from './state.ts';

type Department = { name: string; division: string; costCenter: string; titles: readonly string[]; lead: string };

const DEPARTMENTS: readonly Department[] = [
  { name: 'Engineering', division: 'Technology', costCenter: 'CC-1100', titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer'], lead: 'Engineering Manager' },
  { name: 'Platform', division: 'Technology', costCenter: 'CC-1200', titles: ['Site Reliability Engineer', 'Platform Engineer', 'Cloud Architect'], lead: 'Head of Platform' },
  { name: 'Security', division: 'Technology', costCenter: 'CC-1300', titles: ['Security Engineer', 'Security Analyst'], lead: 'Head of Security' },
  { name: 'Data', division: 'Technology', costCenter: 'CC-1400', titles: ['Data Engineer', 'Data Scientist', 'Analytics Engineer'], lead: 'Head of Data' },
  { name: 'Finance', division: 'Operations', costCenter: 'CC-2100', titles: ['Financial Analyst', 'Accountant'], lead: 'Finance Director' },
  { name: 'People', division: 'Operations', costCenter: 'CC-2200', titles: ['People Partner', 'Recruiter'], lead: 'Head of People' },
  { name: 'Sales', division: 'Go-to-market', costCenter: 'CC-3100', titles: ['Account Executive', 'Solutions Engineer'], lead: 'Sales Director' },
  { name: 'Support', division: 'Go-to-market', costCenter: 'CC-3200', titles: ['Support Engineer', 'Customer Success Manager'], lead: 'Head of Support' },
];

const EXECUTIVE = { name: 'Executive', division: 'Executive', costCenter: 'CC-0100' };

/** The company's display name from its lower-case name (`northwind` → `Northwind`). */
function organizationName(company: string): string {
  return company.charAt(0).toUpperCase() + company.slice(1);
}

export function seedEnterpriseAttributes(rng: Rng, ic: IdentityCenter, company: string): void {
  const users: SsoUser[] = [...ic.users.values()];
  const organization = organizationName(company);
  const departmentOf = new Map<string, Department | typeof EXECUTIVE>();
  const hasReports = new Set<string>();
  users.forEach((user, i) => {
    let department: Department | typeof EXECUTIVE = EXECUTIVE;
    let manager: SsoUser | undefined;
    if (i > 0) {
      // A random earlier user: a random recursive tree, a few levels deep for a directory's size.
      manager = users[Math.floor(rng.next() * i)] as SsoUser;
      hasReports.add(manager.userId);
      const managers = departmentOf.get(manager.userId);
      department = managers && managers !== EXECUTIVE && rng.chance(0.85) ? managers : rng.pick(DEPARTMENTS);
    }
    departmentOf.set(user.userId, department);
    user.enterprise = {
      employeeNumber: String(10000 + i * 7 + rng.int(0, 6)),
      costCenter: department.costCenter,
      organization,
      division: department.division,
      department: department.name,
      ...(manager ? { manager: manager.userId } : {}),
    };
  });
  users.forEach((user, i) => {
    const department = departmentOf.get(user.userId);
    if (i === 0 || department === undefined || !('titles' in department)) user.title = 'Chief Executive Officer';
    else user.title = hasReports.has(user.userId) ? department.lead : rng.pick(department.titles);
  });
}
