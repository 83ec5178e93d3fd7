import { useEffect, useState } from 'react';
import { type RouteId, routeArgs, routeFromHash } from './routes';

export interface Route {
  id: RouteId;
  args: string[];
}

function read(): Route {
  // Main pre-renders the console without a location (prerender/first-screen.tsx): it opens on the Inventory.
  if (typeof window === 'undefined') return { id: 'inventory', args: [] };
  return { id: routeFromHash(window.location.hash), args: routeArgs(window.location.hash) };
}

/** The current screen and its arguments, following the location hash (the same under app:// and http). */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
