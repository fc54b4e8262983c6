import { journeyJsonSchema } from '../../shared/journey/schema';

/** `dripagent schema`: prints the JSON Schema of the journey format. */
export default async function schema(): Promise<number> {
  process.stdout.write(`${JSON.stringify(journeyJsonSchema(), null, 2)}\n`);
  return 0;
}
