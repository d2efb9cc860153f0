/**
 * The required structure of SARIF 2.1.0 (OASIS sarif-schema-2.1.0.json) that GitHub code scanning ingests,
 * vendored as zod since tests have no network: every property the schema marks required, plus the result
 * fields GitHub needs to place an alert (ruleId, level, message.text, a physical location with startLine ≥ 1).
 */
import { z } from 'zod';

const message = z.object({ text: z.string().min(1) });

const reportingDescriptor = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  shortDescription: message.optional(),
  fullDescription: message.optional(),
  help: message.optional(),
  defaultConfiguration: z.object({ level: z.enum(['none', 'note', 'warning', 'error']) }).optional(),
});

const physicalLocation = z.object({
  artifactLocation: z.object({ uri: z.string().min(1), uriBaseId: z.string().optional() }),
  region: z.object({ startLine: z.number().int().min(1), startColumn: z.number().int().min(1).optional() }),
});

const result = z.object({
  ruleId: z.string().min(1),
  ruleIndex: z.number().int().min(0).optional(),
  level: z.enum(['none', 'note', 'warning', 'error']),
  message,
  locations: z.array(z.object({ physicalLocation })).min(1),
});

export const sarifLog = z.object({
  $schema: z.string().url(),
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({
          driver: z.object({
            name: z.string().min(1),
            version: z.string().optional(),
            rules: z.array(reportingDescriptor),
          }),
        }),
        results: z.array(result),
      }),
    )
    .min(1),
});
