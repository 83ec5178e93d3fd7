import { useEffect, useState } from 'react';
import { type RouteId, routeFromHash } from './routes';

/** The current screen, following the location hash (works the same under file-less app:// and http). */
export function useHashRoute(): RouteId {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
