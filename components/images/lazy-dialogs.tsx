'use client';
import dynamic from 'next/dynamic';

// These dialogs validate with the shared zod schemas (the reference grammar, commit changes).
// Loaded on first use, they keep the schema library out of the images and container pages' first
// load, as the container operation dialogs do.
export const LazyTagDialog = dynamic(() => import('./image-dialogs').then((m) => m.TagDialog), { ssr: false });
export const LazyRemoveImageDialog = dynamic(() => import('./image-dialogs').then((m) => m.RemoveImageDialog), { ssr: false });
export const LazyImagePruneDialog = dynamic(() => import('./image-dialogs').then((m) => m.ImagePruneDialog), { ssr: false });
export const LazyCommitDialog = dynamic(() => import('../container-detail/commit-dialog').then((m) => m.CommitDialog), { ssr: false });
