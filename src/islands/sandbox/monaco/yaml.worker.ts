// monaco-yaml's language worker, bundled by Vite as a module worker (imported with ?worker).
import 'monaco-yaml/yaml.worker.js';
