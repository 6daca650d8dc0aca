import { App } from 'aws-cdk-lib';
import { SupportConfigError } from './config.ts';
import { readCdkJsonContext } from './context-override.ts';
import { hideBundlingNotices } from './quiet-bundling.ts';
import { addSupportStack } from './support-app.ts';

hideBundlingNotices();
const app = new App();
try {
  // `-c support='{...}'` hides cdk.json's object from the app; it is read here so a partial override merges onto it.
  addSupportStack(app, { supportDefaults: readCdkJsonContext('support') });
} catch (error) {
  if (!(error instanceof SupportConfigError)) throw error;
  console.error(
    `${error.message}\nFix the "support" object in cdk.json (or override fields with -c support='{"field":...}') and run again.`,
  );
  process.exit(1);
}
