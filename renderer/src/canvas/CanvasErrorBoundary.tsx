import { Component, type ReactNode } from 'react';

/** Keeps a journey that cannot be drawn from taking the whole window down with it. */
export class CanvasErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="canvas canvas--error" role="alert">
          <p>This journey could not be drawn: {this.state.error.message}</p>
        </div>
      );
    }
    return this.props.children;
  }
}
