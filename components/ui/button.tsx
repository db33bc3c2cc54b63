import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:bg-accent-hover border-transparent',
  secondary: 'bg-raised text-fg hover:bg-hover border-line',
  danger: 'bg-danger-solid text-white hover:brightness-110 border-transparent',
  ghost: 'bg-transparent text-fg-soft hover:bg-raised border-transparent',
};

/** A button's look, for a link that must look like its button neighbours. */
export function buttonClasses(variant: Variant = 'secondary', size: 'sm' | 'md' = 'md'): string {
  const sz = size === 'sm' ? 'h-7 px-2 text-xs' : 'h-8 px-3 text-sm';
  return `inline-flex items-center justify-center gap-1.5 rounded-md border font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${sz} ${variants[variant]}`;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: 'sm' | 'md' }) {
  return <button type="button" className={`${buttonClasses(variant, size)} ${className}`} {...props} />;
}
