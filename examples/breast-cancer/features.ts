import { entity, featureService, featureView, fileSource } from '@mlops/feature-store';
import { featureNames } from './pipelines/lib/schema';

/** A patient, identified by `patient_id` in every source. */
export const patient = entity({ name: 'patient', joinKeys: ['patient_id'] });

/**
 * The 30 measurements of a patient's latest fine-needle aspirate. A measurement stays valid for
 * a year: a training row (or a request) older than that gets nulls, which the imputer fills.
 */
export const aspirate = featureView({
  name: 'aspirate',
  entities: [patient],
  source: fileSource({ path: 'data/patients/measurements.csv', format: 'csv', timestampColumn: 'measured_at' }),
  ttl: '365d',
  features: Object.fromEntries(featureNames.map((name) => [name, 'float' as const])),
});

/** What the diagnosis model consumes, at training (point in time) and at serving (online). */
export const diagnosisModel = featureService({ name: 'diagnosis_model', features: [aspirate] });
