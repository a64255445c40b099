export { DEMO_PASSWORD, generateDemoClinic, type DemoOptions } from './generate';
export { DEMO_CLINIC_NAME, DEMO_USERNAMES } from './clinic';
export { progressBar } from './progress';
export { Random } from './random';
