import { App } from 'aws-cdk-lib';
import { SupportConfigError } from './config.ts';
import { addSupportStack } from './support-app.ts';

const app = new App();
try {
  addSupportStack(app);
} catch (error) {
  if (!(error instanceof SupportConfigError)) throw error;
  console.error(`${error.message}\nFix the "support" object in cdk.json (or pass -c support='{...}') and run again.`);
  process.exit(1);
}
