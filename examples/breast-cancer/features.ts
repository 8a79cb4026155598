import { entity, featureService, featureView, fileSource } from '@mlops/feature-store';
import { featureNames } from './pipelines/lib/schema';

/** A patient, identified by `patient_id` in every source. */
export const patient = entity({ name: 'patient', joinKeys: ['patient_id'] });

/**
 * The 30 measurements of a patient's latest fine-needle aspirate. A measurement stays valid for ten
 * years (the shipped timeline is from 2024 and must still serve today); a training row or request
 * further away gets nulls and is refused by the model, which takes no missing inputs.
 */
export const aspirate = featureView({
  name: 'aspirate',
  entities: [patient],
  source: fileSource({ path: 'data/patients/measurements.csv', format: 'csv', timestampColumn: 'measured_at' }),
  ttl: '3650d',
  features: Object.fromEntries(featureNames.map((name) => [name, 'float' as const])),
});

/** What the diagnosis model consumes, at training (point in time) and at serving (online). */
export const diagnosisModel = featureService({ name: 'diagnosis_model', features: [aspirate] });
