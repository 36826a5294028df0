// Stands in for Prettier inside monaco-yaml's worker: the sandbox turns YAML formatting off
// (`format: { enable: false }`), and without this alias Prettier adds ~130 KB gz to the YAML worker.
export async function format(text: string): Promise<string> {
  return text;
}

export default {};
