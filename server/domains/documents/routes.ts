import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { receiveSingleFile } from '../../platform/http/multipart.ts';
import { validationError } from '../../platform/errors.ts';
import { toFieldIssues } from '../../platform/http/mount.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import { ZIdParams } from '../record/schema.ts';
import { MAX_DOCUMENT_BYTES, ZDocument, ZDocumentList, ZLinkParams, ZRecordLink, ZUploadFields } from './schema.ts';
import * as documents from './service.ts';
import { sendStream } from '../../platform/http/stream-response.ts';

export function documentRoutes(deps: documents.DocumentDeps & { uploadsPerUser: Limiter }) {
  const tags = ['documents'];
  return [
    defineRoute({
      kind: 'raw',
      method: 'post',
      path: '/api/documents',
      summary: 'Upload a PDF, PNG or JPEG (multipart field "file", at most 10 MB; optional type, recordType, recordId)',
      tags,
      auth: 'user',
      produces: 'application/json',
      handler: async ({ req, res, user, requestId, now }) => {
        await deps.uploadsPerUser.consume(user.id);
        const { result: upload, fields } = await receiveSingleFile(
          req,
          { maxBytes: MAX_DOCUMENT_BYTES },
          (file) => documents.storeUpload(deps, user.id, file),
          (stored) => documents.discardUpload(deps, stored),
        );
        let id: string;
        try {
          const parsed = ZUploadFields.safeParse(fields);
          if (!parsed.success) throw validationError(toFieldIssues(parsed.error, 'body'));
          id = await documents.saveUpload(deps, user.id, upload, parsed.data, { requestId, now });
        } catch (err) {
          // Nothing kept for a refused upload; should the delete fail too, the refusal is still
          // the answer, and the orphan sweep removes a file that no document names.
          await documents.discardUpload(deps, upload).catch(() => undefined);
          throw err;
        }
        // Read back only once saved: a failure here must not take the file of a saved document.
        const document = await documents.getDocument(deps.db, user.id, id);
        res.status(201).json(ZDocument.parse(document));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents',
      summary: 'Your documents',
      tags,
      auth: 'user',
      response: ZDocumentList,
      handler: async ({ user }) => ({ documents: await documents.listDocuments(deps.db, user.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id',
      summary: "A document's details",
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZDocument,
      handler: ({ user, params }) => documents.getDocument(deps.db, user.id, params.id),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/api/documents/:id/content',
      summary: 'Download a document (decrypted for you)',
      tags,
      auth: 'user',
      params: ZIdParams,
      produces: 'application/octet-stream',
      handler: async ({ user, params, req, res }) => {
        const file = await documents.openDocument(deps, user.id, params.id);
        res.setHeader('Content-Type', file.mimeType);
        res.setHeader('Content-Length', String(file.sizeBytes));
        res.setHeader('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        res.setHeader('Cache-Control', 'private, no-store');
        await sendStream(req, res, file.stream);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/documents/:id',
      summary: 'Delete a document and its file',
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => documents.deleteDocument(deps, user.id, params.id, { requestId, now }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/documents/:id/links',
      summary: 'Use a document as evidence for a record',
      tags,
      auth: 'user',
      params: ZIdParams,
      body: ZRecordLink,
      response: ZDocument,
      handler: ({ user, params, body, requestId, now }) => documents.linkDocument(deps, user.id, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/documents/:id/links/:recordType/:recordId',
      summary: 'Stop using a document as evidence for a record',
      tags,
      auth: 'user',
      params: ZLinkParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => documents.unlinkDocument(deps, user.id, params.id, params, { requestId, now }),
    }),
  ];
}
