/**
 * A fixture the simulator cannot build a world from, naming the bad paths. The simulator stands apart
 * from RRCU and imports nothing of it, so this is its own error; `rrcu sim` reports it as RRCU's
 * SIM_FIXTURE_INVALID with this message and fix.
 */
export class SimFixtureError extends Error {
  readonly fix: string;

  constructor(message: string, fix: string) {
    super(message);
    this.name = 'SimFixtureError';
    this.fix = fix;
  }
}
