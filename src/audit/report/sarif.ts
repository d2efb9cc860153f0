/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check, one result per warn/fail finding, each with a
 * physical location (repository-relative URI + start line). Passing checks produce no result.
 */
import { redactString } from '../../redact.ts';
import { CHECKS } from '../checks/index.ts';
import type { AuditReport } from '../types.ts';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export function toSarif(report: AuditReport, toolVersion: string): Record<string, unknown> {
  const ruleIndex = new Map(CHECKS.map((c, i) => [c.id, i]));
  const rules = CHECKS.map((c) => ({
    id: c.id,
    name: c.title,
    shortDescription: { text: c.title },
    fullDescription: { text: `Compliance checklist: ${c.checklist}` },
    help: { text: c.fix },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'payments'] },
  }));
  const results = report.results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: r.id,
      ruleIndex: ruleIndex.get(r.id),
      level: f.verdict === 'fail' ? 'error' : 'warning',
      message: { text: redactString(f.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.location.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.location.line,
              ...(f.location.column ? { startColumn: f.location.column } : {}),
            },
          },
        },
      ],
    })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'uigen-pay audit', version: toolVersion, semanticVersion: toolVersion, rules },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${encodeURI(report.dir)}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(report: AuditReport, toolVersion: string): string {
  return JSON.stringify(toSarif(report, toolVersion), null, 2);
}
