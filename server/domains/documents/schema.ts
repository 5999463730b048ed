import { z } from 'zod';
import { LINKABLE_TYPES } from '../record/schema.ts';

export const ZDocumentType = z.enum(['certificate', 'registration', 'dbs', 'identity', 'cv', 'reference', 'other']);
export const ZRecordType = z.enum(LINKABLE_TYPES);
export const ZRecordLink = z.object({ recordType: ZRecordType, recordId: z.uuid({ message: 'must be an id' }) });

export const ZDocument = z.object({
  id: z.uuid(),
  type: ZDocumentType,
  filename: z.string(),
  mimeType: z.enum(['application/pdf', 'image/png', 'image/jpeg']).describe('Sniffed from the bytes, not taken from the upload'),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  links: z.array(ZRecordLink).describe('Records this document backs'),
});
export type Document = z.infer<typeof ZDocument>;
export const ZDocumentList = z.object({ documents: z.array(ZDocument) });

/** The text fields sent beside the file (multipart). */
export const ZUploadFields = z.object({
  type: ZDocumentType.default('other'),
  recordType: ZRecordType.optional(),
  recordId: z.uuid({ message: 'must be an id' }).optional(),
});
export const ZLinkParams = z.object({ id: z.uuid({ message: 'must be an id' }), recordType: ZRecordType, recordId: z.uuid({ message: 'must be an id' }) });

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
