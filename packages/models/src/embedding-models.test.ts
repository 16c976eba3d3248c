import { describe, expect, it } from 'vitest';
import { EMBEDDING_MODELS, getEmbeddingModel } from './embedding-models.js';
import { getModelCapabilities } from './get-model-capabilities.js';

describe('getEmbeddingModel', () => {
  it.each([
    ['amazon.titan-embed-text-v2:0', 'amazon.titan-embed-text-v2'],
    ['us.amazon.titan-embed-text-v2:0', 'amazon.titan-embed-text-v2'],
    [
      'arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3',
      'cohere.embed-english-v3',
    ],
    ['cohere.embed-multilingual-v3', 'cohere.embed-multilingual-v3'],
    ['amazon.titan-embed-text-v1', 'amazon.titan-embed-text-v1'],
    ['amazon.titan-embed-text-v1:2:8k', 'amazon.titan-embed-text-v1'],
    ['amazon.titan-embed-image-v1', 'amazon.titan-embed-image-v1'],
  ])('finds %s', (id, key) => {
    expect(getEmbeddingModel(id)?.key).toBe(key);
  });

  it.each([
    'anthropic.claude-3-haiku-20240307-v1:0',
    'amazon.titan-embed-text-v20',
    'cohere.embed-v4:0',
  ])('knows %s is not an embedding model it converts for', (id) => {
    expect(getEmbeddingModel(id)).toBeUndefined();
  });

  it('Titan v2 takes one text a call and three sizes; Cohere v3 96 texts of 2,048 characters', () => {
    const titan = getEmbeddingModel('amazon.titan-embed-text-v2:0');
    expect(titan).toMatchObject({
      batchSize: 1,
      dimensions: [1024, 512, 256],
      maxInputTokens: 8192,
    });
    const cohere = getEmbeddingModel('cohere.embed-english-v3');
    expect(cohere).toMatchObject({
      batchSize: 96,
      maxInputChars: 2048,
      dimensions: [1024],
      defaultInputType: 'search_document',
    });
    expect(cohere?.inputTypes).toContain('search_query');
  });

  it('every row is an embedding model in the capability table, with a source', () => {
    for (const row of EMBEDDING_MODELS) {
      expect(getModelCapabilities(row.key).task, row.key).toBe('embedding');
      expect(getEmbeddingModel(row.modelId), row.modelId).toBe(row);
      expect(row.source.length, row.key).toBeGreaterThan(40);
      expect(row.dimensions.length, row.key).toBeGreaterThan(0);
      if (row.family === 'cohere-v3') expect(row.defaultInputType).toBeDefined();
    }
  });
});
