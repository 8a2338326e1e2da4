import * as z from '../shared/zod.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { DynamoSurveyStore } from './store.js';

export const surveyStore = () => new DynamoSurveyStore(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]);
