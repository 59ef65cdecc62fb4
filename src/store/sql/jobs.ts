// Bulk import jobs: one row per job (its state beside a JSON document of the
// rest) and one row per failed record.
import type { JobFailure, JobRepository, StoredJob } from '../port.ts';
import type { SqlSession } from './session.ts';

export class SqlJobRepository implements JobRepository {
  private readonly db: SqlSession;

  constructor(db: SqlSession) {
    this.db = db;
  }

  async put(job: StoredJob): Promise<void> {
    await this.db.run('INSERT INTO import_job (id, state, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, doc = excluded.doc', [
      job.id,
      job.state,
      JSON.stringify(job),
    ]);
  }

  async get(id: string): Promise<StoredJob | undefined> {
    const row = await this.db.get<{ doc: string }>('SELECT doc FROM import_job WHERE id = ?', [id]);
    return row && JSON.parse(row.doc);
  }

  async addFailures(jobId: string, failures: readonly JobFailure[]): Promise<void> {
    for (const f of failures) {
      await this.db.run('INSERT INTO import_job_failure (job_id, line, code, message) VALUES (?, ?, ?, ?) ON CONFLICT (job_id, line) DO NOTHING', [jobId, f.line, f.code, f.message]);
    }
  }

  async failures(jobId: string, limit: number): Promise<JobFailure[]> {
    const rows = await this.db.all<{ line: number | string; code: string; message: string }>(
      'SELECT line, code, message FROM import_job_failure WHERE job_id = ? ORDER BY line LIMIT ?',
      [jobId, limit],
    );
    return rows.map((r) => ({ line: Number(r.line), code: r.code, message: r.message }));
  }

  async listRunning(): Promise<StoredJob[]> {
    const rows = await this.db.all<{ doc: string }>("SELECT doc FROM import_job WHERE state = 'running' ORDER BY id");
    return rows.map((r) => JSON.parse(r.doc));
  }
}
